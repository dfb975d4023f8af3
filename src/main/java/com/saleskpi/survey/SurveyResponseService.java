package com.saleskpi.survey;

import com.saleskpi.common.crud.CrudService;

import jakarta.inject.Singleton;

/** Reads, writes and imports of survey responses, within the caller's scope (CrudService). */
@Singleton
public class SurveyResponseService extends CrudService<SurveyResponse> {

    /** The collection's name in the API: its path, the sync feed's and the import's. */
    public static final String COLLECTION = "survey-responses";

    public SurveyResponseService(CrudSupport support) {
        super(SurveyResponse.class, "survey response", COLLECTION, support);
    }
}
