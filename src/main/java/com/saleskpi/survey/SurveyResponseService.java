package com.saleskpi.survey;

import com.saleskpi.common.crud.CrudService;

import jakarta.inject.Singleton;

/** Reads, writes and imports of survey responses, within the caller's scope (CrudService). */
@Singleton
public class SurveyResponseService extends CrudService<SurveyResponse> {

    public SurveyResponseService(SurveyResponseRepository repository, CrudSupport support) {
        super(repository, SurveyResponse.class, "survey response", support);
    }
}
