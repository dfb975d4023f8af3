package com.saleskpi.product;

import com.saleskpi.common.crud.CrudService;

import jakarta.inject.Singleton;

/** Reads, writes and imports of products, within the caller's scope (CrudService). */
@Singleton
public class ProductService extends CrudService<Product> {

    public ProductService(ProductRepository repository, CrudSupport support) {
        super(repository, Product.class, "product", support);
    }
}
